-brand = तथ्य
extra = { -brand }
