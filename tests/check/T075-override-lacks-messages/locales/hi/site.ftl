# Only the messages this site words its own way.
site-menu = मेनू
