package cn.shouwang.server.projects.project;

/** 资金来源: 中央, 省级, 市级, 县级, 其他 (names in the bundle {@code projects.fund.<code>}). */
public enum FundSource { CENTRAL, PROVINCIAL, CITY, COUNTY, OTHER }
