"""X's weight of each text, by twitter-text's own parser (PyPI
`twitter-text-parser`, the reference tests/share.rs holds tathya's count to).

usage: python3 x_weight.py < texts.json     (a JSON list of strings; prints a JSON list of weights)
"""

import json
import sys

from twitter_text import parse_tweet

texts = json.load(sys.stdin)
json.dump([parse_tweet(text).weightedLength for text in texts], sys.stdout)
