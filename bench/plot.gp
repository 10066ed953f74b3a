# SPDX-License-Identifier: Apache-2.0
# Draws the charts of docs/performance.md from the TSV files that
# `ferry-bench --data DIR` writes (columns: see write_data in bench/report.cpp):
#   gnuplot -e "data='DIR'; out='docs'" bench/plot.gp
# writes OUT/perf-strategies.png (scenarios L, S and M: MiB/s and CPU per
# strategy) and OUT/perf-thresholds.png (scenario T: the threshold sweep).
# Needs gnuplot with the pngcairo terminal (Debian: gnuplot-nox).
if (!exists("data")) data = "."
if (!exists("out")) out = "docs"

set datafile separator "\t"
set datafile missing "NaN"
set terminal pngcairo size 1500,900 font "sans,10"
set output out."/perf-strategies.png"

set style data histogram
set style histogram errorbars gap 1 lw 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set key top right
set xtics nomirror rotate by -30
set yrange [0:*]

# column numbers: 3 MiB/s, 9 sender CPU s/GiB, 12 receiver CPU s/GiB, 36 MiB/s on disk (each followed by min and max)
set multiplot layout 2,3 title "ferry-bench: strategies side by side (median, bars min–max)"
set ylabel "MiB/s"
set title "L: one large file"
plot data."/large.tsv" using 3:4:5:xtic(1) title "MiB/s" lc rgb "#3b75af", \
     "" using 36:37:38 title "on disk" lc rgb "#9ecae1"
set title "S: many small files"
plot data."/small.tsv" using 3:4:5:xtic(1) title "MiB/s" lc rgb "#3b75af", \
     "" using 36:37:38 title "on disk" lc rgb "#9ecae1"
set title "M: mixed set"
plot data."/mixed.tsv" using 3:4:5:xtic(1) title "MiB/s" lc rgb "#3b75af", \
     "" using 36:37:38 title "on disk" lc rgb "#9ecae1"
set ylabel "CPU s per GiB"
set title "L: CPU per GiB"
plot data."/large.tsv" using 9:10:11:xtic(1) title "sender" lc rgb "#ef8636", \
     "" using 12:13:14 title "receiver" lc rgb "#519e3e"
set title "S: CPU per GiB"
plot data."/small.tsv" using 9:10:11:xtic(1) title "sender" lc rgb "#ef8636", \
     "" using 12:13:14 title "receiver" lc rgb "#519e3e"
set title "M: CPU per GiB"
plot data."/mixed.tsv" using 9:10:11:xtic(1) title "sender" lc rgb "#ef8636", \
     "" using 12:13:14 title "receiver" lc rgb "#519e3e"
unset multiplot

reset
set datafile separator "\t"
set datafile missing "NaN"
set terminal pngcairo size 1000,600 font "sans,10"
set output out."/perf-thresholds.png"
set title "ferry-bench T: the mixed set with each direct-I/O threshold (median, bars min–max)"
set logscale x 2
set xlabel "threshold (MiB; files at least this big go direct on both ends)"
set ylabel "MiB/s"
set y2label "CPU s per GiB"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set grid xtics ytics
set key outside bottom center horizontal
mib(x) = x / 1048576.0
plot data."/thresholds.tsv" using (mib($2)):3:4:5 with yerrorlines lw 2 pt 7 lc rgb "#3b75af" title "MiB/s", \
     "" using (mib($2)):36:37:38 with yerrorlines lw 2 pt 13 lc rgb "#9ecae1" title "MiB/s on disk", \
     "" using (mib($2)):9:10:11 axes x1y2 with yerrorlines lw 2 pt 5 dt 2 lc rgb "#ef8636" title "sender CPU s/GiB", \
     "" using (mib($2)):12:13:14 axes x1y2 with yerrorlines lw 2 pt 9 dt 2 lc rgb "#519e3e" title "receiver CPU s/GiB"
