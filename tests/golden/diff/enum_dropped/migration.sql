-- DropEnum
DROP TYPE "Role";
