extra = x
extra-two = y
