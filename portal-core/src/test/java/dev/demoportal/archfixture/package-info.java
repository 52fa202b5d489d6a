/** Deliberately broken classes that prove the architecture rules report what they forbid; not production code. */
package dev.demoportal.archfixture;
