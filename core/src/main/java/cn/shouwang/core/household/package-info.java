/** The vocabulary of households and members (glossary.md). */
@NullMarked
package cn.shouwang.core.household;

import org.jspecify.annotations.NullMarked;
