package cn.shouwang.core.household;

/** 在校生状况. */
public enum SchoolingStage { NONE, PRESCHOOL, PRIMARY, JUNIOR, SENIOR, VOCATIONAL, HIGHER }
