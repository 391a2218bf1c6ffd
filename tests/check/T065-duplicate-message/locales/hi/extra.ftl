section-facts = फिर से
