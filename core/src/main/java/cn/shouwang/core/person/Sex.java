package cn.shouwang.core.person;

public enum Sex { MALE, FEMALE }
