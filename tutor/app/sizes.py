"""The terminal sizes the app's layout is built for."""

#: below this the layout cannot be used: a notice covers every screen
MIN_WIDTH = 60
MIN_HEIGHT = 16
#: below this width screens get the ``-narrow`` class (a shorter footer, fewer columns)
NARROW_WIDTH = 80
