#!/bin/sh
# Never answers info.
sleep 60
