#!/bin/sh
# Runs a GUI test on the X display, or under a fresh Xvfb (1920x1080x24) when
# there is none (CI). The window goes through xcb with Mesa's software GL.
export QT_QPA_PLATFORM=xcb
export JINMAP_NO_SETTINGS=1
export LIBGL_ALWAYS_SOFTWARE=1
if [ -n "$DISPLAY" ]; then
  exec "$@"
fi
exec xvfb-run -a -s "-screen 0 1920x1080x24" "$@"
