only-hindi = केवल हिन्दी
