export { RepoSecret, type RepoSecretArgs } from "./repo-secret";
export { seal } from "../provider/seal";
