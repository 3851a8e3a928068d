#!/bin/sh
# Fails at info, explaining itself on stderr.
echo "crashes: missing library libfoo.so" >&2
exit 7
