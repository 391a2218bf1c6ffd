# A message may use only what its language defines.
extra = { -brand } and { nosuch } and { FOO() }
