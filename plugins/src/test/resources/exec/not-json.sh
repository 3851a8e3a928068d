#!/bin/sh
# Answers info with something that is not the protocol's JSON.
echo "I am not a plugin"
