#pragma once

namespace ferry::cli {

bool stdin_is_terminal();
bool stdout_is_terminal();

}  // namespace ferry::cli
