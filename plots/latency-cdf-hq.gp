# Figure: the update latency distribution at the headquarters, both arms: latency-cdf.gp
# with this consumer's data.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/latency-cdf-hq.gp

here = ARG0[1:strlen(ARG0) - strlen("latency-cdf-hq.gp")]
figure = "latency-cdf-hq"
load here."latency-cdf.gp"
