-- DropForeignKey
ALTER TABLE "Post" DROP CONSTRAINT "Post_authorId_fkey";

-- DropTable
DROP TABLE "User";

-- DropTable
DROP TABLE "Post";

-- DropEnum
DROP TYPE "Role";
