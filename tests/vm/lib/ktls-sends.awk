# SPDX-License-Identifier: Apache-2.0
# What an `strace -f -y` log says went out through kernel-TLS sockets: a
# socket counts from its successful setsockopt(SOL_TLS, TLS_TX) on (after it
# the kernel encrypts everything written to it). Sockets are told apart by
# their inode, which -y prints with each descriptor ("9<socket:[1234]>"), so
# descriptor reuse does not matter. Calls split by another thread's
# ("<unfinished ...>" ... "<... write resumed>") are joined per thread.
#
# Prints: ktls_sockets N, sendfile_bytes N, write_calls N, write_bytes N,
# largest_write N (write, writev, sendto, sendmsg; all on kernel-TLS sockets).

function socket_of(text) {
  return match(text, /<(socket|TCP|TCPv6):\[[0-9]+\]>/) ? substr(text, RSTART, RLENGTH) : ""
}

# strace pads short lines before " = RESULT".
function result_of(text) {
  if (!match(text, /\) *= -?[0-9]+/)) return -1
  text = substr(text, RSTART, RLENGTH)
  sub(/^\) *= /, "", text)
  return text + 0
}

function account(call, socket, text, result) {
  if (socket == "") return
  result = result_of(text)
  if (call == "setsockopt") {
    if (text ~ /SOL_TLS, TLS_TX/ && result == 0) tls[socket] = 1
    return
  }
  if (!(socket in tls) || result <= 0) return
  if (call == "sendfile") {
    sendfile_bytes += result
  } else {
    write_calls++
    write_bytes += result
    if (result > largest_write) largest_write = result
  }
}

{
  pid = $1
  line = $0
  sub(/^[0-9]+ +/, "", line)
}

line ~ /^<\.\.\. [a-z]+ resumed>/ {
  if (pid in pending) account(pending_call[pid], pending[pid], line)
  delete pending[pid]
  next
}

match(line, /^(setsockopt|sendfile|write|writev|sendto|sendmsg)\(/) {
  call = substr(line, 1, RLENGTH - 1)
  socket = socket_of(substr(line, 1, index(line ",", ",")))
  if (line ~ /<unfinished \.\.\.>$/) {
    pending[pid] = socket
    pending_call[pid] = call
  } else {
    account(call, socket, line)
  }
}

END {
  for (socket in tls) sockets++
  printf "ktls_sockets %d\nsendfile_bytes %d\nwrite_calls %d\nwrite_bytes %d\nlargest_write %d\n",
         sockets, sendfile_bytes, write_calls, write_bytes, largest_write
}
