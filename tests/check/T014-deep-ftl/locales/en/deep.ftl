# A message nested beyond any use.
deep = { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { $n } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } } }
