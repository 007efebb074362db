"""Date formats that read the same way in every language: "1 Dec 2026", "1 déc. 2026".

Django's own English formats put the month first ("12/01/2026" is 1 December), which a
reader in Europe takes for 12 January; numeric dates are ambiguous in one language or the
other. Each language here keeps the day first and names the month; Django's locale formats
supply everything not set (number separators, input formats).
"""
