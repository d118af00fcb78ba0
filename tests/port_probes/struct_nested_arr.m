db.items(2).name = 'second'; db.items(1).name = 'first'; x = db.items(2).name
