only-english = English only
