good = ठीक
broken = { $x
also-good = ठीक
