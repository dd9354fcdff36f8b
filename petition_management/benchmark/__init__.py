"""A benchmark that seeds a bureau's archive (N cases over three years, 200 units) and prints the six
figures that keep the app usable at a million cases, beside their goals.

`bench --site SITE petition-benchmark --cases 200000` (commands.py) runs it: masters.py and seed.py make
the data (raw multi-row INSERTs), measure.py takes the figures (median of several repetitions), report.py
prints the table and writes the JSON. Every seeded record carries MARK in its name, so cleanup.py can
remove exactly what the benchmark made. Never run it on a production site.
"""

# Every name the benchmark seeds contains this mark: "PCBN-2025-0000001", "BN001 住房和城乡建设局", ...
MARK = "BN"
