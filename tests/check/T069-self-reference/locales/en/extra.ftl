extra = { extra-two }
extra-two = again { extra }
