button = Go
    .title = Go there
