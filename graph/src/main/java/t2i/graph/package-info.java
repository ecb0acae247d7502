/**
 * The networks as pure graph builders on the TF Java Ops API: functions of {@code (Ops, config,
 * inputs)} that return outputs and create their variables in a {@link t2i.graph.Network}. No
 * sessions, files or loops here.
 */
package t2i.graph;
