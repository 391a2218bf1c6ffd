good = ठीक
broken = { $x
