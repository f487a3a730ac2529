/** People: id numbers (GB 11643-1999) and ages. */
@NullMarked
package cn.shouwang.core.person;

import org.jspecify.annotations.NullMarked;
