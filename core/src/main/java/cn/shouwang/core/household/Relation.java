package cn.shouwang.core.household;

/** 与户主关系. */
public enum Relation { HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER }
