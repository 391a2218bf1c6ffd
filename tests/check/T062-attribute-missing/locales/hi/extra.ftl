button = जाएं
