print "a Python 2 module", 7 / 2
VALUE = 7 / 2
