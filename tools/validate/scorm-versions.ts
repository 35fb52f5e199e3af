// The facts that differ between SCORM 1.2 and SCORM 2004 4th Edition manifests, in one table.
// The package builder writes manifests from it and the validator checks packages against it, so a
// namespace or spelling is never typed twice. Sources: /work/shared/docs/scorm-runtime-notes.md and the
// schema files in /work/shared/scorm-schemas.

export type ScormVersion = '1.2' | '2004';

interface Namespace {
  /** Conventional prefix ('' = default namespace). Moodle's parser matches these literal names. */
  prefix: string;
  uri: string;
  /** Schema file named in xsi:schemaLocation of generated manifests. */
  xsd: string;
}

export interface VersionProfile {
  version: ScormVersion;
  label: string;
  /** Exact text of <schemaversion>; Moodle treats anything else as 1.2. */
  schemaversion: string;
  /** Output folder under dist/ and suffix of the zip name. */
  folder: 'scorm12' | 'scorm2004';
  /** Local name of the adlcp attribute that marks a resource as sco/asset; case matters. */
  scormTypeAttr: 'scormtype' | 'scormType';
  /** Namespaces a manifest of this version uses; the first is IMS Content Packaging (the default namespace). */
  namespaces: Namespace[];
  /** Metadata namespaces that also belong to this version (not declared by our builder: we embed no metadata). */
  metadataNamespaces: string[];
  /** Wrapper schema (relative to the schemas folder) that imports every namespace of the version, for xmllint. */
  wrapperXsd: string;
}

export const SCORM12: VersionProfile = {
  version: '1.2',
  label: 'SCORM 1.2',
  schemaversion: '1.2',
  folder: 'scorm12',
  scormTypeAttr: 'scormtype',
  namespaces: [
    { prefix: '', uri: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', xsd: 'imscp_rootv1p1p2.xsd' },
    { prefix: 'adlcp', uri: 'http://www.adlnet.org/xsd/adlcp_rootv1p2', xsd: 'adlcp_rootv1p2.xsd' },
  ],
  metadataNamespaces: ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1'],
  wrapperXsd: 'scorm12/scorm12-validate.xsd',
};

export const SCORM2004: VersionProfile = {
  version: '2004',
  label: 'SCORM 2004 4th Edition',
  schemaversion: '2004 4th Edition',
  folder: 'scorm2004',
  scormTypeAttr: 'scormType',
  namespaces: [
    { prefix: '', uri: 'http://www.imsglobal.org/xsd/imscp_v1p1', xsd: 'imscp_v1p1.xsd' },
    { prefix: 'adlcp', uri: 'http://www.adlnet.org/xsd/adlcp_v1p3', xsd: 'adlcp_v1p3.xsd' },
    { prefix: 'adlseq', uri: 'http://www.adlnet.org/xsd/adlseq_v1p3', xsd: 'adlseq_v1p3.xsd' },
    { prefix: 'adlnav', uri: 'http://www.adlnet.org/xsd/adlnav_v1p3', xsd: 'adlnav_v1p3.xsd' },
    { prefix: 'imsss', uri: 'http://www.imsglobal.org/xsd/imsss', xsd: 'imsss_v1p0.xsd' },
  ],
  metadataNamespaces: ['http://ltsc.ieee.org/xsd/LOM'],
  wrapperXsd: 'scorm2004-4th/scorm2004-4th-validate.xsd',
};

export const PROFILES: readonly VersionProfile[] = [SCORM12, SCORM2004];

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The version a namespace URI belongs to, and its conventional prefix (undefined for metadata namespaces). */
export function versionOfNamespace(uri: string): { profile: VersionProfile; prefix?: string } | undefined {
  for (const profile of PROFILES) {
    const ns = profile.namespaces.find((n) => n.uri === uri);
    if (ns) return { profile, prefix: ns.prefix };
    if (profile.metadataNamespaces.includes(uri)) return { profile };
  }
  return undefined;
}
