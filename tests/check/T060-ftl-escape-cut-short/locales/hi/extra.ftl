good = ठीक
broken = { "\uठीक" }
after = { "\u0915" }
