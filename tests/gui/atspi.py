# SPDX-License-Identifier: Apache-2.0
"""Finds a widget of a running program by its accessible name through AT-SPI
(the accessibility bus assistive technologies use) and acts on it.

    atspi.py PID find NAME [ROLE]      exit 0 once it is exposed (and showing)
    atspi.py PID press NAME [ROLE]     its default action (a button's Press)
    atspi.py PID children NAME [ROLE]  prints its children's names, one a line

ROLE is AT-SPI's role name ("push button", "table cell"...). Exit status 1:
not found (yet); 2: found, but the action failed.
"""
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

MAX_DEPTH = 30


def application_of(pid):
    desktop = Atspi.get_desktop(0)
    for index in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(index)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def showing(node):
    return node.get_state_set().contains(Atspi.StateType.SHOWING)


def find(node, name, role, depth=0):
    if node is None or depth > MAX_DEPTH:
        return None
    if node.get_name() == name and (role is None or node.get_role_name() == role) and (depth == 0 or showing(node)):
        return node
    for index in range(node.get_child_count()):
        found = find(node.get_child_at_index(index), name, role, depth + 1)
        if found is not None:
            return found
    return None


def main():
    pid, command, name = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    role = sys.argv[4] if len(sys.argv) > 4 else None
    app = application_of(pid)
    node = find(app, name, role) if app is not None else None
    if node is None:
        return 1
    if command == "press":
        return 0 if node.get_n_actions() > 0 and node.do_action(0) else 2
    if command == "children":
        for index in range(node.get_child_count()):
            child = node.get_child_at_index(index)
            print(child.get_name() if child is not None else "")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except GLib.Error as error:  # the bus or the program went away mid-walk
        print(f"atspi: {error}", file=sys.stderr)
        sys.exit(1)
