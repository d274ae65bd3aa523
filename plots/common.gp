# Settings shared by EdgeSim's report figures: colours, fonts, terminals.
# Loaded by the figure scripts; not meant to be run alone.

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
edge_color = "#0072B2"
cloud_color = "#D55E00"
other_color = "#555555"
armcolor(a) = (a eq "edge_hybrid") ? edge_color : ((a eq "cloud_only") ? cloud_color : other_color)
fault_color = "#F6D8C4"
grid_color = "#D9D9D9"

# A `set terminal` command for fmt ("png" or "svg") at w x h pixels, to `eval`.
# noenhanced: metric and arm names keep their underscores.
terminal_command(fmt, w, h) = (fmt eq "png") \
    ? sprintf('set terminal pngcairo size %d,%d font "Sans,13" noenhanced linewidth 1.3 background "#ffffff"', w, h) \
    : sprintf('set terminal svg size %d,%d font "Sans,13" noenhanced linewidth 1.3 background "#ffffff"', w, h)

set border 3 lc rgb "#444444"
set tics nomirror out
set grid lt 1 lc rgb grid_color lw 1
