# Figure: the update latency distribution at the regional dashboard, both arms: latency-cdf.gp
# with this consumer's data.
#
#   gnuplot -e "dir='plots/<scenario>'" plots/latency-cdf-region.gp

here = ARG0[1:strlen(ARG0) - strlen("latency-cdf-region.gp")]
figure = "latency-cdf-region"
load here."latency-cdf.gp"
