greeting = नमस्ते, { $person }
