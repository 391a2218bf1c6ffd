## A Marathi site: no built-in messages, so its own must have every one tathya needs.
language-name = मराठी
