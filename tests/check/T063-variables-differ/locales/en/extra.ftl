greeting = Hello, { $name }
