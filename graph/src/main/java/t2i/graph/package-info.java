/**
 * The networks as pure graph builders on the TF Java Ops API: functions of {@code (Ops, config,
 * inputs)} that return outputs and create their variables in a {@link t2i.graph.Network}. They are
 * built from {@link t2i.graph.Layers}, whose arguments are small spec records ({@link
 * t2i.graph.ConvSpec}, {@link t2i.graph.DenseSpec}, {@link t2i.graph.NormSpec}, ...), and from the
 * DCGAN blocks they share ({@link t2i.graph.Dcgan}, {@link t2i.graph.ImageTrunk}, {@link
 * t2i.graph.ResidualBlock}). No sessions, files or loops here.
 */
package t2i.graph;
