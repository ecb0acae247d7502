/** Integration tests across modules, on data the tests make themselves. */
package t2i.it;
