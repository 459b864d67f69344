"""The werkvoorraad: what needs a worker, coordinator or Veilig Thuis today, most urgent first.

It composes the read-side of every domain app (meldcode, intake, assessment, safety, collaboration), so it sits
above them in the import direction, beside `insight`; no domain app imports it.
"""
