/**
 * Glance v2 wire types.
 * @module
 */

/** A Glance v2 image (core fields; custom properties are extra top-level string members). */
export interface GlanceImage {
  id: string;
  name?: string | null;
  status?: string;
  visibility?: string;
  owner?: string | null;
  tags?: string[];
  container_format?: string | null;
  disk_format?: string | null;
  min_disk?: number;
  min_ram?: number;
  size?: number | null;
  checksum?: string | null;
  protected?: boolean;
  os_hidden?: boolean;
  created_at?: string;
  updated_at?: string;
  [property: string]: unknown;
}

/** A page of `GET /v2/images`. */
export interface GlanceImagePage {
  images?: GlanceImage[];
  next?: string;
  first?: string;
}
