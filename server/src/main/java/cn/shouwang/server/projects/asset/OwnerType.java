package cn.shouwang.server.projects.asset;

/** 产权归属: 村集体, 企业, 农户 (names in the bundle {@code projects.asset.owner.<code>}). */
public enum OwnerType { VILLAGE_COLLECTIVE, ENTERPRISE, HOUSEHOLD }
