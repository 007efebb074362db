"""Pure scoring functions: no Django, no ORM; plain data in, figures out."""
