/**
 * The profile names of the shared config and credentials files (`~/.aws/config`,
 * `~/.aws/credentials`, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), for the profile
 * picker. Only names leave this module: the files' keys and secrets are never returned.
 */
import { CONFIG_PREFIX_SEPARATOR, loadSharedConfigFiles, type SharedConfigInit } from "@smithy/core/config";

/** Sections of the config file that are not profiles (`[sso-session x]`, `[services x]`). */
const NOT_PROFILES = ["sso-session", "services"].map((type) => `${type}${CONFIG_PREFIX_SEPARATOR}`);

export async function listAwsProfiles(files: Pick<SharedConfigInit, "filepath" | "configFilepath"> = {}): Promise<string[]> {
  // A missing or unreadable file is simply "no profiles": the default chain still applies.
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true });
  const fromConfig = Object.keys(configFile).filter((name) => !NOT_PROFILES.some((prefix) => name.startsWith(prefix)));
  const names = new Set([...fromConfig, ...Object.keys(credentialsFile)]);
  return [...names].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a.localeCompare(b)));
}
