module kitgen

go 1.26.8
