-- AlterTable
ALTER TABLE "Item" DROP COLUMN "role";

-- DropEnum
DROP TYPE "Role";
