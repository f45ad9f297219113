/** Roller: assigning and ending the LIS roles, and the information owner of each asset. */
export { listRoles, getRole, roleHistory, assignRole, updateRole, endRole, removeRole, assignInformationOwner, exportRoles } from './roles';
